using System.Net;
using System.Security.Claims;

namespace FastData.Host.Security;

/// <summary>The authorization policies of the API. Each policy name is also the role it requires.</summary>
public static class ApiPolicies
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string Reader = "reader";
    public const string Writer = "writer";
    public const string Admin = "admin";

    /// <summary>Admin, or, in the default run with a generated key (bound to loopback only), any loopback caller.</summary>
    public const string Dashboard = "dashboard";

    public static IServiceCollection AddApiKeySecurity(this IServiceCollection services, ApiKeyRegistry registry)
    {
        services.AddSingleton(registry);
        services.AddAuthentication(Scheme).AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, null);
        // The policies name no scheme: the API key is the only and default one, which the authentication middleware has
        // already run. Naming it would make every authorization authenticate again and copy the principal per request.
        services.AddAuthorizationBuilder()
            .AddPolicy(Reader, p => p.RequireRole(Reader))
            .AddPolicy(Writer, p => p.RequireRole(Writer))
            .AddPolicy(Admin, p => p.RequireRole(Admin))
            .AddPolicy(Dashboard, p => p.RequireAssertion(context =>
                context.User.IsInRole(Admin) || (registry.IsGenerated && context.Resource is HttpContext http && IsLocal(http))));
        return services;
    }

    /// <summary>The roles a key of <paramref name="role"/> holds: its own and every one below it.</summary>
    public static IEnumerable<Claim> RoleClaims(ApiKeyRole role)
    {
        if (role >= ApiKeyRole.Reader)
        {
            yield return new Claim(ClaimTypes.Role, Reader);
        }

        if (role >= ApiKeyRole.Writer)
        {
            yield return new Claim(ClaimTypes.Role, Writer);
        }

        if (role >= ApiKeyRole.Admin)
        {
            yield return new Claim(ClaimTypes.Role, Admin);
        }
    }

    /// <summary>A request from this machine: a loopback peer, or an in-process one (no connection at all).</summary>
    public static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is not { } remote || IPAddress.IsLoopback(remote);
}
