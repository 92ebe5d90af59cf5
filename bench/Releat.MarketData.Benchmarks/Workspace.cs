namespace Releat.MarketData.Benchmarks;

/// <summary>A temporary folder for the export file and the store, removed at the end of the run.</summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "releat-md-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
