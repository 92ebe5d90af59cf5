namespace Releat.Features.Store;

/// <summary>The Redis keys of one dataset: &lt;prefix&gt;:dataset:&lt;name&gt;:{metadata,times,observations,execution}.</summary>
internal sealed record RedisDatasetKeys(string Metadata, string Times, string Observations, string Executions)
{
    public static RedisDatasetKeys For(string prefix, string name)
    {
        string root = $"{prefix}:dataset:{name}";
        return new($"{root}:metadata", $"{root}:times", $"{root}:observations", $"{root}:execution");
    }
}
