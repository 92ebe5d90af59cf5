namespace Releat.Security.Tests.Fuzz.AgentYaml;

/// <summary>The ways a generated case damages agent.yaml: editing slips, wrong values, hostile YAML.</summary>
internal enum YamlMutationKind
{
    DeleteLine,
    DuplicateLine,
    SwapLines,
    UnknownKey,
    WrongScalar,
    ReplaceToken,
    RandomCharacters,
    Truncate,
    DeepFlowNesting,
    DeepBlockNesting,
    HugeNumber,
    BillionLaughs,
    UndefinedAlias,
    SelfAlias,
    AnchorAndAlias,
    MergeKey,
    SecondDocument,
    TabIndent,
    TagOrDirective,
    CommentOnly,
}
