using Releat.Features.Engine;

namespace Releat.Features.Transforms;

/// <summary>The fitted transforms of every observation column, in layout order.</summary>
public sealed class ObservationTransform
{
    private readonly FeatureTransform[] _columns;

    public ObservationTransform(IReadOnlyList<FeatureTransform> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
    }

    public IReadOnlyList<FeatureTransform> Columns => _columns;

    public int Width => _columns.Length;

    /// <summary>No transform at all: raw values pass through (for agents without transforms, and tests).</summary>
    public static ObservationTransform Identity(ObservationLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new([.. layout.Names.Select(FeatureTransform.Identity)]);
    }

    public void Apply(ReadOnlySpan<float> raw, Span<float> destination)
    {
        if (raw.Length != _columns.Length || destination.Length < _columns.Length)
        {
            throw new ArgumentException($"observation has {raw.Length} values, the transform {_columns.Length}", nameof(raw));
        }

        for (int i = 0; i < _columns.Length; i++)
        {
            destination[i] = _columns[i].Apply(raw[i]);
        }
    }
}
