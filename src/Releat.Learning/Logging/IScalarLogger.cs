namespace Releat.Learning.Logging;

/// <summary>Where training curves go: one scalar under a tag (e.g. "losses/value_loss") at a global step.</summary>
public interface IScalarLogger
{
    void Log(string tag, double value, long globalStep);

    void Flush();
}
