namespace Releat.Security.Tests.Support;

/// <summary>Fake tokens for the hosts under test: long enough, distinct, never real secrets.</summary>
public static class HostTokens
{
    public const string Trade = "trade-token-for-tests-0123456789abcdef0123";
    public const string Read = "read-token-for-tests-0123456789abcdef01234";
    public const string Wrong = "not-a-configured-token-0123456789abcdef012";
}
