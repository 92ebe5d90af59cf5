namespace Releat.Learning.Checkpoints;

/// <summary>What a safetensors file holds: its tensors in header order and its __metadata__.</summary>
public sealed record SafeTensorsContent(IReadOnlyList<SafeTensor> Tensors, IReadOnlyDictionary<string, string> Metadata)
{
    public SafeTensor this[string name] =>
        Tensors.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"safetensors: no tensor named '{name}'.");
}
