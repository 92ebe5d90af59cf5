using Releat.Learning.Distributions;
using Releat.Learning.Ppo;
using Releat.Trading;

namespace Releat.Training.Evaluation;

/// <summary>The trained agent, acting greedily: the most probable allowed action of its policy network.</summary>
public sealed class NetworkPolicy(IActorCritic<float> network, string name = "agent") : ITradingPolicy
{
    private readonly float[] _logProbabilities = new float[network.ActionCount];

    public string Name { get; } = name;

    public void Reset()
    {
    }

    public int Choose(TradingEnvironment environment, ReadOnlySpan<float> observation, ReadOnlySpan<bool> mask)
    {
        ActorCriticOutput<float> output = network.Forward(observation, 1, training: false);
        MaskedCategorical.LogProbabilities(output.Logits[..network.ActionCount], mask, _logProbabilities);
        return MaskedCategorical.MostLikely<float>(_logProbabilities);
    }
}
