namespace Releat.Training;

/// <summary>
/// Where an agent's config lives, <c>agents/&lt;id&gt;/agent.yaml</c>: under RELEAT_AGENTS when set; otherwise in an
/// <c>agents</c> folder at or above the current directory, then at the repository root (the folder holding
/// releat.slnx) above the current directory or the program.
/// </summary>
public static class AgentConfigFile
{
    public const string FileName = "agent.yaml";

    public static string Find(string agentId)
    {
        if (string.IsNullOrEmpty(agentId) || agentId.Length > 64 || !agentId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException($"agent id '{agentId}' must be 1-64 letters, digits, '_' or '-'", nameof(agentId));
        }

        var searched = new List<string>();
        foreach (string folder in CandidateFolders())
        {
            string path = Path.Combine(folder, agentId, FileName);
            if (File.Exists(path))
            {
                return path;
            }

            if (!searched.Contains(folder))
            {
                searched.Add(folder);
            }
        }

        throw new FileNotFoundException(
            $"no {FileName} for agent '{agentId}' in {(searched.Count == 0 ? "any agents folder" : string.Join(", ", searched))} (RELEAT_AGENTS names the folder holding <id>/{FileName})");
    }

    private static IEnumerable<string> CandidateFolders()
    {
        if (Environment.GetEnvironmentVariable("RELEAT_AGENTS") is { Length: > 0 } configured)
        {
            yield return Path.GetFullPath(configured);
            yield break;
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string agents = Path.Combine(dir.FullName, "agents");
            if (Directory.Exists(agents))
            {
                yield return agents;
                break;
            }
        }

        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "releat.slnx")))
                {
                    yield return Path.Combine(dir.FullName, "agents");
                    break;
                }
            }
        }
    }
}
