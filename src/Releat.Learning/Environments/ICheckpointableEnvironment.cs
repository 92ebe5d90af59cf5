namespace Releat.Learning.Environments;

/// <summary>An environment whose whole state (physics and random stream) can be saved and restored, so training resumes exactly.</summary>
public interface ICheckpointableEnvironment
{
    byte[] CaptureState();

    void RestoreState(ReadOnlySpan<byte> state);
}
