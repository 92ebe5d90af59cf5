using Releat.Grpc.Auth;
using Releat.Grpc.Tests.Support;

namespace Releat.Grpc.Tests;

/// <summary>Each mistake in Auth:Callers stops the host at startup with the configuration key it is about.</summary>
public sealed class CallerConfigurationTests
{
    [Theory]
    [InlineData(null, "trade", TestTokens.Trader, "Auth:Callers:0:Name is missing")]
    [InlineData("trader", "admin", TestTokens.Trader, "Auth:Callers:0:Role is 'admin'")]
    [InlineData("trader", null, TestTokens.Trader, "Auth:Callers:0:Role is ''")]
    [InlineData("trader", "trade", "short", "shorter than 24 characters")]
    [InlineData("trader", "trade", "has space 0123456789abcdef0123", "whitespace")]
    [InlineData("trader", "trade", null, "give exactly one of Auth:Callers:0:Token and Auth:Callers:0:TokenFile")]
    public void A_bad_caller_is_refused_naming_its_key(string? name, string? role, string? token, string expected)
    {
        var options = new GrpcAuthOptions();
        options.Callers.Add(new GrpcCallerOptions { Name = name, Role = role, Token = token });

        var error = Assert.Throws<InvalidOperationException>(() => CallerDirectory.From(options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_callers_with_one_token_or_one_name_are_refused()
    {
        var sameToken = new GrpcAuthOptions();
        sameToken.Callers.Add(new GrpcCallerOptions { Name = "a", Role = "read", Token = TestTokens.Trader });
        sameToken.Callers.Add(new GrpcCallerOptions { Name = "b", Role = "trade", Token = TestTokens.Trader });
        var sameName = new GrpcAuthOptions();
        sameName.Callers.Add(new GrpcCallerOptions { Name = "a", Role = "read", Token = TestTokens.Reader });
        sameName.Callers.Add(new GrpcCallerOptions { Name = "A", Role = "trade", Token = TestTokens.Trader });

        Assert.Contains("Auth:Callers:1 ('b')", Assert.Throws<InvalidOperationException>(() => CallerDirectory.From(sameToken)).Message, StringComparison.Ordinal);
        Assert.Contains("Auth:Callers:1:Name 'A'", Assert.Throws<InvalidOperationException>(() => CallerDirectory.From(sameName)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_file_is_read_and_its_trailing_newline_ignored()
    {
        var path = Path.Combine(Path.GetTempPath(), $"releat-token-{Guid.NewGuid():N}");
        File.WriteAllText(path, TestTokens.Trader + "\n");
        try
        {
            var options = new GrpcAuthOptions();
            options.Callers.Add(new GrpcCallerOptions { Name = "trader", Role = "TRADE", TokenFile = path });

            var directory = CallerDirectory.From(options);

            Assert.Equal(new GrpcCaller("trader", GrpcRole.Trade), directory.Identify(TestTokens.Trader));
            Assert.Null(directory.Identify(TestTokens.Trader + "\n"));
            Assert.Null(directory.Identify(TestTokens.Trader.AsSpan()[..^1]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_token_file_names_the_key_and_path()
    {
        var options = new GrpcAuthOptions();
        options.Callers.Add(new GrpcCallerOptions { Name = "trader", Role = "trade", TokenFile = "/nonexistent/releat-token" });

        var error = Assert.Throws<InvalidOperationException>(() => CallerDirectory.From(options));

        Assert.Contains("Auth:Callers:0:TokenFile '/nonexistent/releat-token'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_class_rule_naming_a_method_the_service_lacks_fails_the_mapping()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Services.AddGrpc();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<MisnamedRuleService>());

        Assert.Contains("names method 'SendOrder'", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(MisnamedRuleService), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trade_includes_read()
    {
        Assert.True(new GrpcCaller("t", GrpcRole.Trade).Has(GrpcRole.Read));
        Assert.False(new GrpcCaller("r", GrpcRole.Read).Has(GrpcRole.Trade));
    }

    [Fact]
    public void A_channel_refuses_a_token_that_could_split_headers()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            GrpcChannel.ForAddress("http://127.0.0.1:1", new GrpcChannelOptions { BearerToken = "abc\r\nx-evil: 1" }));

        Assert.DoesNotContain("x-evil", error.Message, StringComparison.Ordinal);
    }

    [RequiresRole(GrpcRole.Trade, Methods = ["SendOrder"])]
    private sealed class MisnamedRuleService : Releat.Test.V1.Echo.EchoBase
    {
    }
}
