namespace Releat.Features.Engine;

/// <summary>An agent config passed the loader but cannot be run by the engine (e.g. a symbol with no spec).</summary>
public sealed class FeaturePlanException : Exception
{
    public FeaturePlanException()
    {
    }

    public FeaturePlanException(string message)
        : base(message)
    {
    }

    public FeaturePlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
