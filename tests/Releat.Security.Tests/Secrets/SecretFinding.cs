namespace Releat.Security.Tests.Secrets;

/// <summary>
/// Something in a tracked file that looks like a secret: where, which rule, and a masked excerpt (enough to find
/// it, never the whole value, so the test's own output does not repeat a leaked secret). Allow-listed when the
/// value says it is a fake (test, example, not-a-secret).
/// </summary>
public sealed record SecretFinding(string File, int Line, string Rule, string Excerpt, bool AllowListed)
{
    public override string ToString() => $"{File}:{Line}: {Rule}: {Excerpt}";
}
