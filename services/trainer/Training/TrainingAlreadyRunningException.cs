namespace Releat.Trainer.Training;

/// <summary>An agent already has a training run going; a second would fight over the same checkpoints.</summary>
public sealed class TrainingAlreadyRunningException(string agentId, string runId)
    : InvalidOperationException($"agent '{agentId}' is already training (run {runId}); stop it first")
{
    public string AgentId { get; } = agentId;

    public string RunId { get; } = runId;
}
