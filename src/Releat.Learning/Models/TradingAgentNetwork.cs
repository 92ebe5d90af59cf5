using System.Numerics;
using System.Numerics.Tensors;
using Releat.Learning.Layers;
using Releat.Learning.Numerics;
using Releat.Learning.Parameters;
using Releat.Learning.Ppo;

namespace Releat.Learning.Models;

/// <summary>
/// The reference trading agent: per-variable GRN encoders → variable selection network (shared trunk) → an actor
/// head (tanh MLP to action logits) and a critic head (tanh MLP to a value). The trunk's gradient is the sum of
/// both heads'. Dropout masks come from the network's own seeded generator.
/// </summary>
public sealed class TradingAgentNetwork<T> : IActorCritic<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly VariableSelectionNetwork<T> _selection;
    private readonly Sequential<T> _actor;
    private readonly Sequential<T> _critic;
    private readonly T[] _trunkGradient;

    private TradingAgentNetwork(ParameterStore<T> store, TradingAgentSpec spec, int maxBatch, SeededRandom dropoutRandom)
    {
        Parameters = store;
        Spec = spec;
        MaxBatch = maxBatch;
        DropoutRandom = dropoutRandom;
        _selection = new VariableSelectionNetwork<T>(store, "vsn", spec.VariableSizes, spec.EncoderWidth, spec.Dropout, dropoutRandom, maxBatch);
        _actor = new Sequential<T>(
            new Linear<T>(store, "actor.0", spec.EncoderWidth, spec.HeadHidden, maxBatch),
            new Tanh<T>(spec.HeadHidden, maxBatch),
            new Linear<T>(store, "actor.2", spec.HeadHidden, spec.HeadHidden, maxBatch),
            new Tanh<T>(spec.HeadHidden, maxBatch),
            new Linear<T>(store, "actor.4", spec.HeadHidden, spec.ActionCount, maxBatch));
        _critic = new Sequential<T>(
            new Linear<T>(store, "critic.0", spec.EncoderWidth, spec.HeadHidden, maxBatch),
            new Tanh<T>(spec.HeadHidden, maxBatch),
            new Linear<T>(store, "critic.2", spec.HeadHidden, spec.HeadHidden, maxBatch),
            new Tanh<T>(spec.HeadHidden, maxBatch),
            new Linear<T>(store, "critic.4", spec.HeadHidden, 1, maxBatch));
        _trunkGradient = new T[maxBatch * spec.EncoderWidth];
    }

    public TradingAgentSpec Spec { get; }

    public int ObservationSize => Spec.ObservationSize;

    public int ActionCount => Spec.ActionCount;

    public int MaxBatch { get; }

    public ParameterStore<T> Parameters { get; }

    /// <summary>The generator dropout draws from (its state belongs in a checkpoint).</summary>
    public SeededRandom DropoutRandom { get; }

    SeededRandom? IActorCritic<T>.Random => DropoutRandom;

    /// <summary>The variable weights of the last forward pass, [batch × variables].</summary>
    public ReadOnlySpan<T> LastVariableWeights => _selection.LastVariableWeights;

    /// <summary>Builds and initialises the network; <paramref name="maxBatch"/> is the largest batch ever passed.</summary>
    public TradingAgentNetwork(TradingAgentSpec spec, int maxBatch, ulong seed)
        : this(new ParameterStore<T>(), spec, maxBatch, new SeededRandom(seed ^ 0xD5A61266F0C9392CUL))
    {
        var random = new SeededRandom(seed);
        _selection.Initialise(random);
        InitialiseHead(_actor, 0.01, random);
        InitialiseHead(_critic, 1.0, random);
    }

    public ActorCriticOutput<T> Forward(ReadOnlySpan<T> observations, int batch, bool training)
    {
        ReadOnlySpan<T> trunk = _selection.Forward(observations, batch, training);
        return new ActorCriticOutput<T>(_actor.Forward(trunk, batch, training), _critic.Forward(trunk, batch, training));
    }

    public void Backward(ReadOnlySpan<T> logitGradient, ReadOnlySpan<T> valueGradient, int batch)
    {
        int n = batch * Spec.EncoderWidth;
        Span<T> trunkGradient = _trunkGradient.AsSpan(0, n);
        _actor.Backward(logitGradient, batch).CopyTo(trunkGradient);
        TensorPrimitives.Add(trunkGradient, _critic.Backward(valueGradient, batch)[..n], trunkGradient);
        _selection.Backward(trunkGradient, batch);
    }

    public IActorCritic<T> CreateGradientReplica() =>
        new TradingAgentNetwork<T>(Parameters.CreateGradientReplica(), Spec, MaxBatch, new SeededRandom(DropoutRandom.NextUInt64()));

    private static void InitialiseHead(Sequential<T> mlp, double outputGain, SeededRandom random)
    {
        var linears = mlp.Layers.OfType<Linear<T>>().ToList();
        for (int i = 0; i < linears.Count; i++)
        {
            linears[i].InitialiseOrthogonal(i == linears.Count - 1 ? outputGain : Math.Sqrt(2), random);
        }
    }
}
