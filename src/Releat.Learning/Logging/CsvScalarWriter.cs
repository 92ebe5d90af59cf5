using System.Globalization;

namespace Releat.Learning.Logging;

/// <summary>
/// The same scalars as the TensorBoard file, as CSV rows "wall_time,step,tag,value" for pandas or a spreadsheet.
/// With <c>append</c> a resumed run continues the file it wrote before (the header is written once).
/// </summary>
public sealed class CsvScalarWriter : IScalarLogger, IDisposable
{
    private readonly StreamWriter _writer;
    private readonly TimeProvider _clock;

    public CsvScalarWriter(string path, TimeProvider? clock = null, bool append = false)
    {
        _clock = clock ?? TimeProvider.System;
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        FilePath = path;
        bool continuing = append && File.Exists(path) && new FileInfo(path).Length > 0;
        _writer = new StreamWriter(path, append: continuing) { NewLine = "\n" };
        if (!continuing)
        {
            _writer.WriteLine("wall_time,step,tag,value");
        }
    }

    public string FilePath { get; }

    public void Log(string tag, double value, long globalStep)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.Contains(',', StringComparison.Ordinal) || tag.Contains('"', StringComparison.Ordinal))
        {
            throw new ArgumentException($"CsvScalarWriter: tag '{tag}' contains a comma or quote.", nameof(tag));
        }

        double wallTime = _clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{wallTime:F3},{globalStep},{tag},{value:R}"));
    }

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
