using Releat.Agents.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Releat.Agents.Loading;

/// <summary>
/// Loads and validates <c>agents/&lt;id&gt;/agent.yaml</c>. Unknown keys, missing sections, malformed values and
/// inconsistent settings are all errors; they are gathered and thrown together as an
/// <see cref="AgentConfigException"/> whose entries name the file, line, column and field.
/// </summary>
public sealed class AgentConfigLoader
{
    private readonly IFeatureCatalog _features;
    private readonly MarketData.Model.SymbolCatalog _symbols;

    public AgentConfigLoader(IFeatureCatalog features, MarketData.Model.SymbolCatalog? symbols = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        _features = features;
        _symbols = symbols ?? MarketData.Model.SymbolCatalog.Defaults;
    }

    public AgentConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new AgentConfigException([new ConfigError(new SourceLocation(path, 0, 0), "(file)", "agent config file not found")]);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads YAML text; <paramref name="file"/> is the name errors report (and whose folder must match the id).</summary>
    public AgentConfig Parse(string yaml, string file) => Explain(yaml, file).Config;

    /// <summary>
    /// Reads YAML text as <see cref="Parse"/> does and says where each value came from: the file (with its line) or
    /// the default the loader applied. What `releat config` prints.
    /// </summary>
    public ExplainedAgentConfig Explain(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(file);
        var errors = new ConfigErrorList(file);
        var values = new ConfigValueLog();
        YamlMappingNode? root = ReadRoot(yaml, file, errors);
        if (root is null)
        {
            errors.ThrowIfAny();
            throw new AgentConfigException([new ConfigError(new SourceLocation(file, 1, 1), "(file)", "agent config is empty")]);
        }

        var section = new YamlSection(root, "", errors, values);
        string id = section.String("agent");
        if (id.Length > 0 && !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
        {
            // The id names folders, dataset keys and metrics labels.
            section.Error("agent", $"'{id}' must be lower case letters, digits, '_' and '-'");
        }

        CheckIdMatchesFolder(section, id, file);
        string description = section.String("description", "");
        RawDataConfig rawData = new RawDataReader(section, _symbols).Read();
        IReadOnlyList<FeatureGroupConfig> features = new FeatureGroupsReader(section, rawData, _features).Read();
        EnvironmentConfig environment = EnvironmentReader.Read(section);
        ModelConfig model = ModelReader.Read(section);
        Learning.Ppo.PpoConfig training = TrainingReader.Read(section);
        TradingConfig trading = TradingReader.Read(section);
        DeployConfig deploy = DeployReader.Read(section);
        section.RejectUnknownKeys();
        errors.ThrowIfAny();
        return new ExplainedAgentConfig(new AgentConfig(id, description, file, rawData, features, environment, model, training, trading, deploy), values.Values);
    }

    private static YamlMappingNode? ReadRoot(string yaml, string file, ConfigErrorList errors)
    {
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            errors.Add(new SourceLocation(file, (int)e.Start.Line, (int)e.Start.Column), "(yaml)", e.InnerException?.Message ?? e.Message);
            return null;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner can fail without a position (e.g. an unclosed '['): report where parsing stopped.
            errors.Add(new SourceLocation(file, (int)parser.LastMark.Line, (int)parser.LastMark.Column), "(yaml)", $"malformed YAML after this point ({e.Message})");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            YamlNode second = stream.Documents[1].RootNode;
            errors.Add(new SourceLocation(file, (int)second.Start.Line, (int)second.Start.Column), "(yaml)", "one agent per file: remove the second document");
        }

        YamlNode rootNode = stream.Documents[0].RootNode;
        if (rootNode is YamlMappingNode mapping)
        {
            return mapping;
        }

        errors.Add(new SourceLocation(file, (int)rootNode.Start.Line, (int)rootNode.Start.Column), "(file)", "must be a section of 'key: value' lines");
        return null;
    }

    private static void CheckIdMatchesFolder(YamlSection section, string id, string file)
    {
        // agents/<id>/agent.yaml: a copied folder with a stale id would overwrite another agent's datasets.
        if (!string.Equals(Path.GetFileName(file), "agent.yaml", StringComparison.Ordinal) || id.Length == 0)
        {
            return;
        }

        string? folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(file)));
        if (folder is not null && !string.Equals(folder, id, StringComparison.Ordinal))
        {
            section.Error("agent", $"'{id}' does not match its folder '{folder}'");
        }
    }
}
