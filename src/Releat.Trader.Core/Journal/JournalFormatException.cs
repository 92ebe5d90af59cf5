namespace Releat.Trader.Core.Journal;

/// <summary>A journal line other than the last could not be read; the message names the file and line.</summary>
public sealed class JournalFormatException : Exception
{
    public JournalFormatException()
    {
    }

    public JournalFormatException(string message)
        : base(message)
    {
    }

    public JournalFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
