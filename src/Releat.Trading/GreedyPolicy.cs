using Releat.Learning.Distributions;
using Releat.Learning.Ppo;

namespace Releat.Trading;

/// <summary>
/// A trained network acting greedily: the most probable action the mask allows (the first on ties), with the
/// masked action distribution and the critic's value kept for whoever reports them. Backtests and live signals
/// both choose here, so they choose alike. Nothing is allocated per choice.
/// </summary>
public sealed class GreedyPolicy
{
    private readonly IActorCritic<float> _network;
    private readonly float[] _logProbabilities;

    public GreedyPolicy(IActorCritic<float> network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _logProbabilities = new float[network.ActionCount];
    }

    public IActorCritic<float> Network => _network;

    /// <summary>log p of every action at the last choice, −∞ for the masked ones.</summary>
    public ReadOnlySpan<float> LogProbabilities => _logProbabilities;

    /// <summary>The critic's value estimate at the last choice.</summary>
    public float Value { get; private set; }

    /// <summary>The most probable allowed action for one observation.</summary>
    public int Choose(ReadOnlySpan<float> observation, ReadOnlySpan<bool> mask)
    {
        ActorCriticOutput<float> output = _network.Forward(observation, 1, training: false);
        MaskedCategorical.LogProbabilities(output.Logits[.._network.ActionCount], mask, _logProbabilities);
        Value = output.Values[0];
        return MaskedCategorical.MostLikely<float>(_logProbabilities);
    }
}
