namespace GisBridge.Server.Jobs;

/// <summary>A request field or input is wrong; mapped to INVALID_ARGUMENT "field: reason".</summary>
public sealed class JobInputException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}

/// <summary>A configured limit would be exceeded; mapped to RESOURCE_EXHAUSTED with the sizes in the message.</summary>
public sealed class ResourceLimitException(string message) : Exception(message);
