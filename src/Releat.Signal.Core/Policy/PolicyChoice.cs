using Releat.Trading;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Core.Policy;

/// <summary>
/// One greedy decision of an <see cref="AgentPolicy"/>: the chosen action, the probability of every action (masked
/// ones 0), the critic's value, and the mask it was chosen under. Owned by the caller and overwritten by each
/// decision written into it, so deciding allocates nothing.
/// </summary>
public sealed class PolicyChoice
{
    private readonly float[] _probabilities;

    public PolicyChoice(int actionCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(actionCount);
        _probabilities = new float[actionCount];
    }

    public int ActionCount => _probabilities.Length;

    public int Action { get; private set; }

    public ReadOnlySpan<float> Probabilities => _probabilities;

    public float Value { get; private set; }

    /// <summary>The allowed actions as bits (bit i = action i).</summary>
    public ulong AllowedActions { get; private set; }

    /// <summary>Why only a close was allowed, or <see cref="ExitReason.None"/>.</summary>
    public ExitReason ForcedExit { get; private set; }

    /// <summary>The decision as the Signal contract carries it (allocates the message).</summary>
    public V1.PolicyDecision ToContract(ActionTable actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var decision = new V1.PolicyDecision { Action = Action, ActionName = actions.Name(Action), Value = Value };
        decision.Probabilities.Add(_probabilities);
        return decision;
    }

    internal void Set(int action, ReadOnlySpan<float> logProbabilities, float value, ulong allowed, ExitReason forcedExit)
    {
        for (int k = 0; k < _probabilities.Length; k++)
        {
            _probabilities[k] = MathF.Exp(logProbabilities[k]);
        }

        Action = action;
        Value = value;
        AllowedActions = allowed;
        ForcedExit = forcedExit;
    }
}
