using System.Globalization;

namespace Releat.Agents.Loading;

/// <summary>
/// The values one load read, in reading order, each with its origin: what `releat config` prints. Sections record
/// as they read, so a key the loader reads is explained without a second list of keys to keep in step.
/// </summary>
internal sealed class ConfigValueLog
{
    private readonly List<ConfigValue> _values = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public IReadOnlyList<ConfigValue> Values => _values;

    public void FromFile(string field, string value, SourceLocation location) => Set(new ConfigValue(field, value, ConfigValueOrigin.File, location), replace: true);

    /// <summary>Records a default unless the file gave the key a value (an explicit null gives way to the default).</summary>
    public void Default(string field, object? value)
    {
        string text = Format(value);
        bool replace = _index.TryGetValue(field, out int i) && _values[i].Value == "null" && text != "null";
        Set(new ConfigValue(field, text, ConfigValueOrigin.Default, null), replace);
    }

    public static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        TimeSpan t => DurationText.Format(t),
        double d => d.ToString("0.###############", CultureInfo.InvariantCulture), // 2.5E-04 would read oddly beside YAML's 2.5e-4
        Enum e => EnumText.SnakeCase(e.ToString()),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private void Set(ConfigValue value, bool replace)
    {
        if (!_index.TryGetValue(value.Field, out int i))
        {
            _index[value.Field] = _values.Count;
            _values.Add(value);
        }
        else if (replace)
        {
            _values[i] = value;
        }
    }
}
