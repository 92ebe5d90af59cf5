using System.Numerics;

namespace Releat.Learning.Parameters;

/// <summary>
/// All of a network's parameters and their gradients in two flat buffers, so Adam, gradient clipping and
/// checkpoints each see one span. Layers register named tensors while the network is built; the buffers are
/// allocated once when first used. A replica shares the values but owns its gradients (for splitting a
/// minibatch across workers).
/// </summary>
public sealed class ParameterStore<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<ParameterTensor> _tensors;
    private readonly SharedValues _shared;
    private T[]? _gradients;

    public ParameterStore()
    {
        _tensors = [];
        _shared = new SharedValues();
    }

    private ParameterStore(ParameterStore<T> source)
    {
        _tensors = source._tensors;
        _shared = source._shared;
        _isReplica = true;
    }

    private readonly bool _isReplica;

    public IReadOnlyList<ParameterTensor> Tensors => _tensors;

    public int Count { get; private set; }

    /// <summary>Bumped on every write access to the values: layers use it to refresh caches (a transposed weight).</summary>
    public int Version => _shared.Version;

    /// <summary>The parameter values, read-only. Use <see cref="GetValuesForWriting"/> to change them.</summary>
    public ReadOnlySpan<T> Values => EnsureValues();

    /// <summary>The gradients of this store (a replica has its own).</summary>
    public Span<T> Gradients => _gradients ??= new T[EnsureValues().Length];

    /// <summary>Writable values; marks every cache derived from them stale.</summary>
    public Span<T> GetValuesForWriting()
    {
        T[] values = EnsureValues();
        _shared.Version++;
        return values;
    }

    public ParameterTensor Register(string name, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_isReplica)
        {
            // A replica network is built by the same code: it finds the tensors the original registered.
            ParameterTensor existing = Find(name);
            if (!existing.Shape.SequenceEqual(shape))
            {
                throw new ArgumentException(
                    $"ParameterStore replica: tensor '{name}' has shape [{string.Join(',', existing.Shape)}], not [{string.Join(',', shape)}].", nameof(shape));
            }

            return existing;
        }

        if (_shared.Values is not null)
        {
            throw new InvalidOperationException($"ParameterStore: cannot register '{name}' after the buffers were allocated.");
        }

        if (_tensors.Exists(t => t.Name == name))
        {
            throw new ArgumentException($"ParameterStore: a tensor named '{name}' is already registered.", nameof(name));
        }

        int length = 1;
        foreach (int dim in shape)
        {
            if (dim <= 0)
            {
                throw new ArgumentException($"ParameterStore: tensor '{name}' has a non-positive dimension {dim}.", nameof(shape));
            }

            length *= dim;
        }

        var tensor = new ParameterTensor(name, shape, Count, length);
        _tensors.Add(tensor);
        Count += length;
        return tensor;
    }

    public ParameterTensor Find(string name) =>
        _tensors.Find(t => t.Name == name)
        ?? throw new KeyNotFoundException($"ParameterStore: no tensor named '{name}'.");

    public ReadOnlySpan<T> ValuesOf(ParameterTensor tensor) => Values.Slice(tensor.Offset, tensor.Length);

    public Span<T> GradientsOf(ParameterTensor tensor) => Gradients.Slice(tensor.Offset, tensor.Length);

    public void ZeroGradients() => Gradients.Clear();

    /// <summary>A store that reads the same values but accumulates into its own gradient buffer.</summary>
    public ParameterStore<T> CreateGradientReplica()
    {
        EnsureValues();
        return new ParameterStore<T>(this) { Count = Count };
    }

    private T[] EnsureValues() => _shared.Values ??= new T[Count];

    private sealed class SharedValues
    {
        public T[]? Values { get; set; }

        public int Version { get; set; }
    }
}
