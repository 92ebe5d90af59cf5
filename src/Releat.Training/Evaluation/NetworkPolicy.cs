using Releat.Learning.Ppo;
using Releat.Trading;

namespace Releat.Training.Evaluation;

/// <summary>The trained agent, acting greedily: the most probable allowed action of its policy network.</summary>
public sealed class NetworkPolicy(IActorCritic<float> network, string name = "agent") : ITradingPolicy
{
    private readonly GreedyPolicy _greedy = new(network);

    public string Name { get; } = name;

    public void Reset()
    {
    }

    public int Choose(TradingEnvironment environment, ReadOnlySpan<float> observation, ReadOnlySpan<bool> mask) =>
        _greedy.Choose(observation, mask);
}
