namespace Releat.Learning.Logging;

/// <summary>Sends every scalar to several loggers (TensorBoard and CSV together).</summary>
public sealed class FanOutScalarLogger(params IScalarLogger[] loggers) : IScalarLogger
{
    public void Log(string tag, double value, long globalStep)
    {
        foreach (IScalarLogger logger in loggers)
        {
            logger.Log(tag, value, globalStep);
        }
    }

    public void Flush()
    {
        foreach (IScalarLogger logger in loggers)
        {
            logger.Flush();
        }
    }
}
