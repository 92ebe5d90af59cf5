namespace Releat.MarketData.Storage;

/// <summary>A series file that cannot be used as it is; the message names the file and what is wrong.</summary>
public sealed class SeriesFileException : IOException
{
    public SeriesFileException()
    {
        FilePath = "";
    }

    public SeriesFileException(string message)
        : base(message)
    {
        FilePath = "";
    }

    public SeriesFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = "";
    }

    public SeriesFileException(string filePath, string problem)
        : base($"{filePath}: {problem}")
    {
        FilePath = filePath;
    }

    public string FilePath { get; }
}
