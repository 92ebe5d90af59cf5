using System.Numerics;
using System.Numerics.Tensors;
using Releat.Learning.Layers;
using Releat.Learning.Numerics;
using Releat.Learning.Parameters;
using Releat.Learning.Ppo;

namespace Releat.Learning.Models;

/// <summary>
/// The reference trading agent: per-variable GRN encoders → variable selection network (shared trunk) → an actor
/// head (MLP to action logits) and a critic head (MLP to a value), each with the activations its
/// <see cref="TradingAgentSpec"/> names. The trunk's gradient is the sum of both heads'. Dropout masks come from the
/// network's own seeded generator.
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
        _selection = new VariableSelectionNetwork<T>(
            store, "vsn", spec.VariableSizes, spec.EncoderWidth, spec.Dropout, dropoutRandom, maxBatch, spec.EncoderActivation, spec.SelectorHiddenWidth);
        _actor = Head(store, "actor", spec.EncoderWidth, spec.ActorLayers, spec.ActorActivation, spec.ActionCount, maxBatch);
        _critic = Head(store, "critic", spec.EncoderWidth, spec.CriticLayers, spec.CriticActivation, 1, maxBatch);
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

    /// <summary>Linear and activation layers named as PyTorch's nn.Sequential would (name.0, name.2, ...), then the output layer.</summary>
    private static Sequential<T> Head(
        ParameterStore<T> store, string name, int inputs, IReadOnlyList<int> hidden, ActivationFunction activation, int outputs, int maxBatch)
    {
        var layers = new List<ILayer<T>>();
        int width = inputs;
        foreach (int next in hidden)
        {
            layers.Add(new Linear<T>(store, $"{name}.{layers.Count}", width, next, maxBatch));
            layers.Add(ActivationLayer.Create<T>(activation, next, maxBatch));
            width = next;
        }

        layers.Add(new Linear<T>(store, $"{name}.{layers.Count}", width, outputs, maxBatch));
        return new Sequential<T>([.. layers]);
    }

    private static void InitialiseHead(Sequential<T> mlp, double outputGain, SeededRandom random)
    {
        var linears = mlp.Layers.OfType<Linear<T>>().ToList();
        for (int i = 0; i < linears.Count; i++)
        {
            linears[i].InitialiseOrthogonal(i == linears.Count - 1 ? outputGain : Math.Sqrt(2), random);
        }
    }
}
