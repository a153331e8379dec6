// Placeholder entry point so that the server project builds on the gdal branch; the lead's Program.cs
// (gRPC host + CLI verbs) on main replaces this file at merge.
Console.WriteLine($"GisBridge server (GDAL {GisBridge.Server.Gdal.GdalLibrary.Version})");
