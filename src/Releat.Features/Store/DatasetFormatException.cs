namespace Releat.Features.Store;

/// <summary>A stored dataset is missing, truncated or inconsistent; the message names the file (or Redis key).</summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException()
    {
    }

    public DatasetFormatException(string message)
        : base(message)
    {
    }

    public DatasetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
