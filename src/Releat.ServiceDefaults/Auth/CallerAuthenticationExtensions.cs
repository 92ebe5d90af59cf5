using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Releat.ServiceDefaults.Auth;

/// <summary>
/// Caller tokens on the standard mechanisms: the "Caller" authentication scheme, the policies "read" and "trade"
/// ("read" is the fallback, so an endpoint without [Authorize] or [AllowAnonymous] needs it), and the loopback rule
/// checked once Kestrel has bound its endpoints.
/// </summary>
public static class CallerAuthenticationExtensions
{
    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CallerAuthOptions>().Bind(configuration.GetSection(CallerAuthOptions.SectionName));
        services.AddSingleton<CallerAuthentication>();
        services.AddSingleton<AnonymousAccessGuard>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<AnonymousAccessGuard>());
        services.AddAuthentication(CallerAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, CallerAuthenticationHandler>(CallerAuthenticationHandler.SchemeName, null);

        var read = new AuthorizationPolicyBuilder(CallerAuthenticationHandler.SchemeName).RequireRole(CallerPolicy.Read).Build();
        services.AddAuthorizationBuilder()
            .AddPolicy(CallerPolicy.Read, read)
            .AddPolicy(CallerPolicy.Trade, policy => policy.AddAuthenticationSchemes(CallerAuthenticationHandler.SchemeName).RequireRole(CallerPolicy.Trade))
            .SetFallbackPolicy(read);
        return services;
    }
}
