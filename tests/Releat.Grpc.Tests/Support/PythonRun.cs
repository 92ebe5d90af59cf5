namespace Releat.Grpc.Tests.Support;

/// <summary>The outcome of one python interop scenario.</summary>
public sealed record PythonRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}
