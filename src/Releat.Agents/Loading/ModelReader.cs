using Releat.Agents.Config;

namespace Releat.Agents.Loading;

/// <summary>Reads the model section: group encoder, variable selection, actor and critic.</summary>
internal static class ModelReader
{
    private const int MaxWidth = 65_536;

    public static ModelConfig Read(YamlSection root)
    {
        YamlSection? section = root.Section("model", required: true);
        if (section is null)
        {
            MlpConfig placeholder = new([1], Activation.Tanh);
            return new ModelConfig(new EncoderConfig(1, Activation.Gelu), new VariableSelectionConfig(false, 1), placeholder, placeholder);
        }

        EncoderConfig encoder = ReadEncoder(section);
        VariableSelectionConfig vsn = ReadVariableSelection(section, encoder.Width);
        MlpConfig actor = ReadMlp(section, "actor");
        MlpConfig critic = ReadMlp(section, "critic");
        section.RejectUnknownKeys();
        return new ModelConfig(encoder, vsn, actor, critic);
    }

    private static EncoderConfig ReadEncoder(YamlSection section)
    {
        YamlSection? encoder = section.Section("group_encoder", required: true);
        if (encoder is null)
        {
            return new EncoderConfig(1, Activation.Gelu);
        }

        int width = encoder.Int("width", null, 1, MaxWidth);
        Activation activation = encoder.Enum("activation", (Activation?)Activation.Gelu);
        encoder.RejectUnknownKeys();
        return new EncoderConfig(width, activation);
    }

    private static VariableSelectionConfig ReadVariableSelection(YamlSection section, int encoderWidth)
    {
        // Absent, the section takes the same defaults as its keys: the network always selects variables, and a default
        // of "off" would only be refused when training starts.
        YamlSection vsn = section.Section("variable_selection", required: false) ?? section.EmptySection("variable_selection");
        bool enabled = vsn.Bool("enabled", true);
        int hidden = vsn.Int("hidden", encoderWidth, 1, MaxWidth);
        vsn.RejectUnknownKeys();
        return new VariableSelectionConfig(enabled, hidden);
    }

    private static MlpConfig ReadMlp(YamlSection section, string key)
    {
        YamlSection? mlp = section.Section(key, required: true);
        if (mlp is null)
        {
            return new MlpConfig([1], Activation.Tanh);
        }

        IReadOnlyList<int> hidden = mlp.IntList("hidden", required: true, 1, MaxWidth);
        if (hidden.Count == 0 && mlp.Has("hidden"))
        {
            mlp.Error("hidden", "must list at least one layer width, e.g. [64, 64]");
        }

        Activation activation = mlp.Enum("activation", (Activation?)Activation.Tanh);
        mlp.RejectUnknownKeys();
        return new MlpConfig(hidden, activation);
    }
}
