namespace Releat.Learning.Checkpoints;

/// <summary>A safetensors file that breaks the format; the message names the file and, where it applies, the tensor.</summary>
public sealed class SafeTensorsFormatException : Exception
{
    public SafeTensorsFormatException()
    {
    }

    public SafeTensorsFormatException(string message)
        : base(message)
    {
    }

    public SafeTensorsFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
