using Releat.Learning.Environments;

namespace Releat.Learning.Benchmarks;

/// <summary>CartPole plus a fixed amount of arithmetic per step, standing in for an environment with real work per step (a market simulator computing features).</summary>
internal sealed class CostlyEnvironment(int workPerStep) : IEnvironment
{
    private readonly CartPole _inner = new();
    private double _sink;

    public BoxSpace ObservationSpace => _inner.ObservationSpace;

    public DiscreteSpace ActionSpace => _inner.ActionSpace;

    public double Sink => _sink;

    public void Reset(ulong seed, Span<float> observation) => _inner.Reset(seed, observation);

    public void Reset(Span<float> observation) => _inner.Reset(observation);

    public StepOutcome Step(int action, Span<float> observation)
    {
        double x = observation[0];
        for (int i = 0; i < workPerStep; i++)
        {
            x = Math.Sqrt((x * x) + i);
        }

        _sink += x;
        return _inner.Step(action, observation);
    }
}
