namespace Releat.MarketData.Import;

/// <summary>A file that cannot be imported at all (wrong header, unknown column); names the file and line.</summary>
public sealed class ImportFormatException : FormatException
{
    public ImportFormatException()
    {
        File = "";
    }

    public ImportFormatException(string message)
        : base(message)
    {
        File = "";
    }

    public ImportFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "";
    }

    public ImportFormatException(string file, long line, string problem)
        : base($"{file}:{line}: {problem}")
    {
        File = file;
        Line = line;
    }

    public string File { get; }

    public long Line { get; }
}
