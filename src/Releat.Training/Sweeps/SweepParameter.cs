namespace Releat.Training.Sweeps;

/// <summary>One config value a sweep varies: its dotted path and the values to try.</summary>
public sealed record SweepParameter(string Path, IReadOnlyList<string> Values)
{
    /// <summary>
    /// Parses "training.learning_rate=1e-4,3e-4" (values split at commas outside brackets, so
    /// "model.actor.hidden=[32, 32],[64, 64]" gives two lists).
    /// </summary>
    public static SweepParameter Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new ArgumentException($"'{text}' is not path=value1,value2 (e.g. training.learning_rate=1e-4,3e-4)", nameof(text));
        }

        var values = new List<string>();
        int depth = 0, start = equals + 1;
        for (int i = start; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ',';
            depth += c is '[' or '{' ? 1 : c is ']' or '}' ? -1 : 0;
            if (c == ',' && depth == 0)
            {
                string value = text[start..i].Trim();
                if (value.Length == 0)
                {
                    throw new ArgumentException($"'{text}' has an empty value", nameof(text));
                }

                values.Add(value);
                start = i + 1;
            }
        }

        return new SweepParameter(text[..equals].Trim(), values);
    }

    public override string ToString() => $"{Path}={string.Join(',', Values)}";
}
