using System.Numerics;
using Releat.Learning.Layers;
using Releat.Learning.Numerics;
using Releat.Learning.Parameters;
using Releat.Learning.Ppo;

namespace Releat.Learning.Models;

/// <summary>
/// CleanRL's PPO agent: separate actor and critic MLPs with tanh hidden layers, orthogonal init with gain √2 on
/// hidden layers, 0.01 on the actor's output and 1.0 on the critic's, zero biases. Tensors are named as
/// torch.nn.Sequential would name them (actor.0.weight, actor.2.weight, ...), so checkpoints load into PyTorch.
/// </summary>
public sealed class MlpActorCritic<T> : IActorCritic<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Sequential<T> _actor;
    private readonly Sequential<T> _critic;
    private readonly int[] _hiddenSizes;

    private MlpActorCritic(ParameterStore<T> store, int observationSize, int actionCount, int[] hiddenSizes, int maxBatch)
    {
        Parameters = store;
        ObservationSize = observationSize;
        ActionCount = actionCount;
        MaxBatch = maxBatch;
        _hiddenSizes = hiddenSizes;
        _actor = BuildMlp(store, "actor", observationSize, hiddenSizes, actionCount, maxBatch);
        _critic = BuildMlp(store, "critic", observationSize, hiddenSizes, 1, maxBatch);
    }

    public int ObservationSize { get; }

    public int ActionCount { get; }

    public int MaxBatch { get; }

    public ParameterStore<T> Parameters { get; }

    /// <summary>Builds and initialises the agent; <paramref name="maxBatch"/> is the largest batch ever passed (the minibatch).</summary>
    public MlpActorCritic(int observationSize, int actionCount, IReadOnlyList<int> hiddenSizes, int maxBatch, ulong seed)
        : this(new ParameterStore<T>(), observationSize, actionCount, [.. hiddenSizes], maxBatch) =>
        Initialise(new SeededRandom(seed));

    public ActorCriticOutput<T> Forward(ReadOnlySpan<T> observations, int batch, bool training) =>
        new(_actor.Forward(observations, batch, training), _critic.Forward(observations, batch, training));

    public void Backward(ReadOnlySpan<T> logitGradient, ReadOnlySpan<T> valueGradient, int batch)
    {
        _actor.Backward(logitGradient, batch);
        _critic.Backward(valueGradient, batch);
    }

    public IActorCritic<T> CreateGradientReplica() =>
        new MlpActorCritic<T>(Parameters.CreateGradientReplica(), ObservationSize, ActionCount, _hiddenSizes, MaxBatch);

    private static Sequential<T> BuildMlp(ParameterStore<T> store, string name, int inputs, int[] hidden, int outputs, int maxBatch)
    {
        var layers = new List<ILayer<T>>();
        int width = inputs;
        foreach (int h in hidden)
        {
            // The observation needs no gradient: the first layer skips computing one.
            layers.Add(new Linear<T>(store, $"{name}.{layers.Count}", width, h, maxBatch) { ComputesInputGradient = layers.Count > 0 });
            layers.Add(new Tanh<T>(h, maxBatch));
            width = h;
        }

        layers.Add(new Linear<T>(store, $"{name}.{layers.Count}", width, outputs, maxBatch) { ComputesInputGradient = layers.Count > 0 });
        return new Sequential<T>([.. layers]);
    }

    private void Initialise(SeededRandom random)
    {
        InitialiseHead(_actor, 0.01, random);
        InitialiseHead(_critic, 1.0, random);
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
