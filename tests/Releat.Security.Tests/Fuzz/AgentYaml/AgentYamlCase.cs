using FsCheck;
using FsCheck.Fluent;

namespace Releat.Security.Tests.Fuzz.AgentYaml;

/// <summary>One mutated agent.yaml: the text handed to the loader and what was done to the original to get it.</summary>
internal sealed record AgentYamlCase(string Text, string Mutations)
{
    private static readonly (int Weight, YamlMutationKind Kind)[] Weights =
    [
        (6, YamlMutationKind.DeleteLine), (4, YamlMutationKind.DuplicateLine), (4, YamlMutationKind.SwapLines),
        (4, YamlMutationKind.UnknownKey), (8, YamlMutationKind.WrongScalar), (6, YamlMutationKind.ReplaceToken),
        (5, YamlMutationKind.RandomCharacters), (2, YamlMutationKind.Truncate), (2, YamlMutationKind.DeepFlowNesting),
        (2, YamlMutationKind.DeepBlockNesting), (4, YamlMutationKind.HugeNumber), (3, YamlMutationKind.BillionLaughs),
        (1, YamlMutationKind.UndefinedAlias), (2, YamlMutationKind.SelfAlias), (3, YamlMutationKind.AnchorAndAlias),
        (1, YamlMutationKind.MergeKey), (1, YamlMutationKind.SecondDocument), (1, YamlMutationKind.TabIndent),
        (2, YamlMutationKind.TagOrDirective), (4, YamlMutationKind.CommentOnly),
    ];

    /// <summary>One to three mutations of <paramref name="original"/>, their details drawn from a generated seed.</summary>
    public static Gen<AgentYamlCase> Generator(string original) =>
        from count in Gen.Frequency((6, Gen.Constant(1)), (3, Gen.Constant(2)), (1, Gen.Constant(3)))
        from kinds in Gen.ListOf(Gen.Frequency([.. Weights.Select(w => (w.Weight, Gen.Constant(w.Kind)))]), count)
        from seed in Gen.Choose(0, int.MaxValue)
        select AgentYamlMutator.Apply(original, [.. kinds], seed);

    public override string ToString() => Mutations;
}
