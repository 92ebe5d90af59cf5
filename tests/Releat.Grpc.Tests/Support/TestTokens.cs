namespace Releat.Grpc.Tests.Support;

/// <summary>Tokens of the test callers: long enough for the minimum length, distinct, obviously fake.</summary>
public static class TestTokens
{
    public const string Trader = "trader-token-0123456789abcdef0123456789";
    public const string Reader = "reader-token-0123456789abcdef0123456789";
    public const string Wrong = "wrong-token-0123456789abcdef0123456789x";

    public static void AddBothCallers(GrpcAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Callers.Add(new GrpcCallerOptions { Name = "trader", Role = "trade", Token = Trader });
        options.Callers.Add(new GrpcCallerOptions { Name = "dashboard", Role = "read", Token = Reader });
    }
}
