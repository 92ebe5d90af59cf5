using System.Globalization;
using System.Text;

namespace Releat.Prometheus;

/// <summary>
/// The tags of one time series, kept in the order first seen. Matching ignores tag order, so callers that pass
/// the same tags in another order land in the same series instead of producing a duplicate label set.
/// </summary>
internal sealed class LabelSet
{
    private readonly string[] _keys;
    private readonly object?[] _values;

    public LabelSet(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        _keys = new string[tags.Length];
        _values = new object?[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            _keys[i] = tags[i].Key;
            _values[i] = tags[i].Value;
        }
    }

    /// <summary>An order-independent hash of the tags, computed without allocating.</summary>
    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = tags.Length;
        foreach (var tag in tags)
        {
            hash += HashCode.Combine(tag.Key, tag.Value);
        }

        return hash;
    }

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != _keys.Length)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            var index = Array.IndexOf(_keys, tag.Key);
            if (index < 0 || !Equals(_values[index], tag.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Appends <c>{a="x",b="y"}</c>, plus one extra label (for histogram buckets) when given.</summary>
    public void AppendTo(StringBuilder output, string? extraName = null, string? extraValue = null)
    {
        if (_keys.Length == 0 && extraName is null)
        {
            return;
        }

        output.Append('{');
        var first = true;
        for (var i = 0; i < _keys.Length; i++)
        {
            if (!first)
            {
                output.Append(',');
            }

            first = false;
            output.Append(PrometheusNaming.LabelName(_keys[i])).Append("=\"");
            PrometheusNaming.AppendLabelValue(output, Convert.ToString(_values[i], CultureInfo.InvariantCulture) ?? string.Empty);
            output.Append('"');
        }

        if (extraName is not null)
        {
            if (!first)
            {
                output.Append(',');
            }

            output.Append(extraName).Append("=\"").Append(extraValue).Append('"');
        }

        output.Append('}');
    }
}
