using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace GisBridge.Algorithms.Tests.Support;

/// <summary>
/// The methods each method of an assembly calls, read from its IL with System.Reflection.Metadata (call, callvirt,
/// newobj, and ldftn/ldvirtftn so that lambdas count as called by the method that creates them). Methods are named
/// "Namespace.Type/Nested::Name(ParameterTypes)", generic instantiations by their definition, so that a call in one
/// assembly and the definition in another get the same name.
/// </summary>
public sealed class IlCallGraph
{
    /// <summary>Caller name -> the names it calls.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Calls { get; }

    /// <summary>Caller name -> the constructors it calls with newobj (creating an object, not a base constructor call).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Creates { get; }

    private IlCallGraph(Dictionary<string, IReadOnlyList<string>> calls, Dictionary<string, IReadOnlyList<string>> creates) =>
        (Calls, Creates) = (calls, creates);

    public static IlCallGraph Read(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var md = pe.GetMetadataReader();
        var names = new Names(md);
        var calls = new Dictionary<string, IReadOnlyList<string>>();
        var creates = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress == 0) continue;
            var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
            var called = new List<string>();
            var created = new List<string>();
            while (il.RemainingBytes > 0)
            {
                var op = ReadOpCode(ref il);
                if (op.OperandType == OperandType.InlineMethod)
                {
                    var callee = names.Of(MetadataTokens.EntityHandle(il.ReadInt32()));
                    called.Add(callee);
                    if (op == OpCodes.Newobj) created.Add(callee);
                }
                else
                    Skip(ref il, op.OperandType);
            }
            var caller = names.Of(handle);
            calls[caller] = calls.TryGetValue(caller, out var earlier) ? [.. earlier, .. called] : called;
            creates[caller] = creates.TryGetValue(caller, out var before) ? [.. before, .. created] : created;
        }
        return new IlCallGraph(calls, creates);
    }

    /// <summary>The methods of this graph that reach one of <paramref name="targets"/> through calls inside it.</summary>
    public HashSet<string> Reaching(Func<string, bool> targets)
    {
        var found = new HashSet<string>(Calls.Where(c => c.Value.Any(targets)).Select(c => c.Key));
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var (caller, callees) in Calls)
                if (!found.Contains(caller) && callees.Any(found.Contains)) grew |= found.Add(caller);
        }
        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static OpCode ReadOpCode(ref BlobReader il)
    {
        byte first = il.ReadByte();
        short value = first == 0xFE ? (short)(0xFE00 | il.ReadByte()) : first;
        return OpCodesByValue[value];
    }

    private static void Skip(ref BlobReader il, OperandType operand)
    {
        switch (operand)
        {
            case OperandType.InlineNone: break;
            case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: il.ReadByte(); break;
            case OperandType.InlineVar: il.ReadInt16(); break;
            case OperandType.InlineI8 or OperandType.InlineR: il.ReadInt64(); break;
            case OperandType.InlineSwitch: int n = il.ReadInt32(); for (int i = 0; i < n; i++) il.ReadInt32(); break;
            default: il.ReadInt32(); break; // tokens, 32-bit branches and constants, ShortInlineR
        }
    }

    /// <summary>Names of methods and types, the same for a definition and for a reference to it.</summary>
    private sealed class Names(MetadataReader md) : ISignatureTypeProvider<string, object?>
    {
        public string Of(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.MethodDefinition => Of((MethodDefinitionHandle)handle),
            HandleKind.MemberReference => Of((MemberReferenceHandle)handle),
            HandleKind.MethodSpecification => Of(md.GetMethodSpecification((MethodSpecificationHandle)handle).Method),
            _ => "?",
        };

        private string Of(MethodDefinitionHandle handle)
        {
            var m = md.GetMethodDefinition(handle);
            var sig = m.DecodeSignature(this, null);
            return $"{TypeName(m.GetDeclaringType())}::{md.GetString(m.Name)}({string.Join(",", sig.ParameterTypes)})";
        }

        private string Of(MemberReferenceHandle handle)
        {
            var r = md.GetMemberReference(handle);
            if (r.GetKind() != MemberReferenceKind.Method) return "?";
            var sig = r.DecodeMethodSignature(this, null);
            string parent = r.Parent.Kind switch
            {
                HandleKind.TypeReference => TypeName((TypeReferenceHandle)r.Parent),
                HandleKind.TypeDefinition => TypeName((TypeDefinitionHandle)r.Parent),
                HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)r.Parent).DecodeSignature(this, null),
                _ => "?",
            };
            return $"{parent}::{md.GetString(r.Name)}({string.Join(",", sig.ParameterTypes)})";
        }

        private string TypeName(TypeDefinitionHandle handle)
        {
            var t = md.GetTypeDefinition(handle);
            var declaring = t.GetDeclaringType();
            return declaring.IsNil ? Join(md.GetString(t.Namespace), md.GetString(t.Name)) : TypeName(declaring) + "/" + md.GetString(t.Name);
        }

        private string TypeName(TypeReferenceHandle handle)
        {
            var t = md.GetTypeReference(handle);
            return t.ResolutionScope.Kind == HandleKind.TypeReference
                ? TypeName((TypeReferenceHandle)t.ResolutionScope) + "/" + md.GetString(t.Name)
                : Join(md.GetString(t.Namespace), md.GetString(t.Name));
        }

        private static string Join(string ns, string name) => ns.Length == 0 ? name : ns + "." + name;

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => TypeName(handle);
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => TypeName(handle);
        public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context);
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        // A generic instantiation is named by its definition: a call on Module<Tensor, Tensor> reaches Module`2's code.
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType;
        public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? context, int index) => "!" + index;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetPinnedType(string elementType) => elementType;
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
    }
}
