namespace Releat.Agents.Loading;

/// <summary>
/// Finds an agent's config, <c>agents/&lt;id&gt;/agent.yaml</c>: in RELEAT_AGENTS when set, otherwise in the nearest
/// <c>agents</c> folder at or above the current directory (a checkout), then above the program's own folder.
/// </summary>
public static class AgentLocator
{
    public const string FileName = "agent.yaml";

    /// <param name="agentId">The agent's id, its folder name.</param>
    /// <param name="agentsRoot">A folder of agents to use instead of searching (a service's setting).</param>
    public static string ConfigPath(string agentId, string? agentsRoot = null)
    {
        if (string.IsNullOrEmpty(agentId) || agentId.Length > 64
            || !agentId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"agent id '{agentId}' must be 1-64 letters, digits, '_' or '-'", nameof(agentId));
        }

        var searched = new List<string>();
        foreach (var folder in agentsRoot is { Length: > 0 } ? [Path.GetFullPath(agentsRoot)] : CandidateFolders())
        {
            var path = Path.Combine(folder, agentId, FileName);
            if (File.Exists(path))
            {
                return path;
            }

            searched.Add(folder);
        }

        throw new FileNotFoundException(
            $"no {FileName} for agent '{agentId}' in {string.Join(", ", searched.Distinct())} (set RELEAT_AGENTS to the folder holding <id>/{FileName})");
    }

    private static IEnumerable<string> CandidateFolders()
    {
        if (Environment.GetEnvironmentVariable("RELEAT_AGENTS") is { Length: > 0 } configured)
        {
            yield return Path.GetFullPath(configured);
            yield break;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var agents = Path.Combine(dir.FullName, "agents");
                if (Directory.Exists(agents))
                {
                    yield return agents;
                    break;
                }
            }
        }
    }
}
