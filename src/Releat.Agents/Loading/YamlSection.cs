using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Releat.Agents.Loading;

/// <summary>
/// Reads one YAML mapping of an agent config field by field. Every getter remembers the key it was asked for, so
/// <see cref="RejectUnknownKeys"/> can report whatever the user wrote that nothing reads: a typo such as
/// "gama" becomes an error (with a suggestion) instead of a silently ignored setting. Problems go to the shared
/// error list with the file, line, column and dotted field path; getters then return a harmless default so the
/// rest of the file is still checked.
/// </summary>
internal sealed class YamlSection
{
    private readonly YamlMappingNode _node;
    private readonly ConfigErrorList _errors;
    private readonly ConfigValueLog _values;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public YamlSection(YamlMappingNode node, string path, ConfigErrorList errors, ConfigValueLog? values = null)
    {
        _node = node;
        Path = path;
        _errors = errors;
        _values = values ?? new ConfigValueLog();
    }

    public string Path { get; }

    public SourceLocation Location => LocationOf(_node);

    public string File => _errors.File;

    public string FieldPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public SourceLocation LocationOf(YamlNode node) => new(_errors.File, (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>The value node of <paramref name="key"/>, or null when absent or written as null ("~", "null", empty).</summary>
    public YamlNode? Value(string key)
    {
        _known.Add(key);
        if (!_node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value))
        {
            return null;
        }

        bool isNull = value is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } plain && IsNull(plain.Value);
        Remember(key, value, isNull);
        return isNull ? null : value;
    }

    /// <summary>Records that <paramref name="key"/> is absent and takes <paramref name="value"/> (for `releat config`).</summary>
    public void Defaulted(string key, object? value) => _values.Default(FieldPath(key), value);

    public bool Has(string key) => Value(key) is not null;

    public void Error(string key, string message)
    {
        YamlNode? value = _node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) ? v : null;
        _errors.Add(value is null ? Location : LocationOf(value), FieldPath(key), message);
    }

    public void ErrorAt(YamlNode node, string field, string message) => _errors.Add(LocationOf(node), field, message);

    public void ErrorAt(SourceLocation location, string field, string message) => _errors.Add(location, field, message);

    public void Missing(string key) => _errors.Add(Location, FieldPath(key), "is required but missing");

    public string? OptionalString(string key) => Scalar(key, "a text value")?.Value;

    public string String(string key, string? fallback = null)
    {
        string? value = OptionalString(key);
        if (value is not null)
        {
            return value;
        }

        if (fallback is null)
        {
            Missing(key);
            return "";
        }

        Defaulted(key, fallback);
        return fallback;
    }

    public YamlSection? Section(string key, bool required)
    {
        YamlNode? value = Value(key);
        if (value is null)
        {
            if (required)
            {
                _errors.Add(Location, FieldPath(key), "section is required but missing");
            }

            return null;
        }

        if (value is not YamlMappingNode mapping)
        {
            ErrorAt(value, FieldPath(key), "must be a section of 'key: value' lines");
            return null;
        }

        return new YamlSection(mapping, FieldPath(key), _errors, _values);
    }

    /// <summary>A section with no keys, to read an absent optional section's defaults through the same getters.</summary>
    public YamlSection EmptySection(string key) => new(new YamlMappingNode(), FieldPath(key), _errors, _values);

    public IReadOnlyList<YamlSection> SectionList(string key, bool required)
    {
        YamlSequenceNode? sequence = Sequence(key, required, "a list of sections");
        if (sequence is null)
        {
            return [];
        }

        var sections = new List<YamlSection>(sequence.Children.Count);
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            string path = $"{FieldPath(key)}[{i}]";
            if (sequence.Children[i] is YamlMappingNode mapping)
            {
                sections.Add(new YamlSection(mapping, path, _errors, _values));
            }
            else
            {
                ErrorAt(sequence.Children[i], path, "must be a section of 'key: value' lines");
            }
        }

        return sections;
    }

    /// <summary>A list of scalars with where each one is, so later checks can point at a single entry.</summary>
    public IReadOnlyList<(string Value, SourceLocation Location)> ScalarList(string key, bool required)
    {
        YamlSequenceNode? sequence = Sequence(key, required, "a list such as [a, b]");
        if (sequence is null)
        {
            return [];
        }

        var items = new List<(string, SourceLocation)>(sequence.Children.Count);
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlScalarNode { Value: { } text })
            {
                items.Add((text, LocationOf(sequence.Children[i])));
            }
            else
            {
                ErrorAt(sequence.Children[i], $"{FieldPath(key)}[{i}]", "must be a single value");
            }
        }

        return items;
    }

    public IReadOnlyList<int> IntList(string key, bool required, int min, int max)
    {
        var values = new List<int>();
        foreach ((string text, SourceLocation location) in ScalarList(key, required))
        {
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
            {
                _errors.Add(location, FieldPath(key), $"'{text}' is not a whole number");
            }
            else if (value < min || value > max)
            {
                _errors.Add(location, FieldPath(key), $"{value} is out of range {Range(min, max)}");
            }
            else
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>Reports every key that no getter asked for, suggesting the closest known key.</summary>
    public void RejectUnknownKeys()
    {
        foreach ((YamlNode keyNode, YamlNode _) in _node.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                // Never format a list or section used as a key: through aliases it can stand for billions of
                // nodes ("billion laughs"), and ToString would expand every one of them.
                ErrorAt(keyNode, Path.Length == 0 ? "(key)" : $"{Path}.(key)", "a key must be a plain name, not a list or section");
                continue;
            }

            if (_known.Contains(key))
            {
                continue;
            }

            string? suggestion = KeySuggestion.Closest(key, _known);
            string hint = suggestion is null
                ? $"known keys here: {string.Join(", ", _known.Order(StringComparer.Ordinal))}"
                : $"did you mean '{suggestion}'?";
            ErrorAt(keyNode, FieldPath(key), $"unknown key; {hint}");
        }
    }

    private void Remember(string key, YamlNode value, bool isNull)
    {
        string? text = value switch
        {
            _ when isNull => "null",
            YamlScalarNode scalar => scalar.Value,
            YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode) =>
                $"[{string.Join(", ", sequence.Children.Select(c => ((YamlScalarNode)c).Value))}]",
            _ => null, // a section: its own keys are remembered as they are read
        };
        if (text is not null)
        {
            _values.FromFile(FieldPath(key), text, LocationOf(value));
        }
    }

    private static bool IsNull(string? value) => value is null or "" or "~" or "null" or "Null" or "NULL";

    internal static string Range(double min, double max) => (min, max) switch
    {
        (double.MinValue or long.MinValue or int.MinValue, _) => $"(at most {Format(max)})",
        (_, double.MaxValue or long.MaxValue or int.MaxValue) => $"(at least {Format(min)})",
        _ => $"[{Format(min)}, {Format(max)}]",
    };

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    internal T? Fallback<T>(string key, T? fallback)
        where T : struct
    {
        if (fallback is null)
        {
            Missing(key);
        }
        else
        {
            Defaulted(key, fallback);
        }

        return fallback;
    }

    internal YamlScalarNode? Scalar(string key, string expected)
    {
        YamlNode? value = Value(key);
        switch (value)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return scalar;
            default:
                ErrorAt(value, FieldPath(key), $"must be a single value ({expected})");
                return null;
        }
    }

    private YamlSequenceNode? Sequence(string key, bool required, string expected)
    {
        YamlNode? value = Value(key);
        switch (value)
        {
            case null:
                if (required)
                {
                    Missing(key);
                }

                return null;
            case YamlSequenceNode sequence:
                return sequence;
            default:
                ErrorAt(value, FieldPath(key), $"must be {expected}");
                return null;
        }
    }
}
