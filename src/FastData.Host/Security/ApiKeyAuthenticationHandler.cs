using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace FastData.Host.Security;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header (or, for Dashboard pages a browser loads, the cookie set by
/// <see cref="DashboardKeyMiddleware"/>) against <see cref="ApiKeyRegistry"/>. Answers 401 and 403 as RFC 7807
/// problem details that say what is missing, never which keys exist.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyRegistry registry,
    IProblemDetailsService problemDetails) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers[ApiPolicies.HeaderName];
        if (string.IsNullOrEmpty(presented) && Request.Path.StartsWithSegments(DashboardKeyMiddleware.PathPrefix))
        {
            presented = Request.Cookies[DashboardKeyMiddleware.CookieName];
        }

        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!registry.TryAuthenticate(presented, out var key))
        {
            LogWarningUnknownKey(Logger, Request.Method, Request.Path);
            return Task.FromResult(AuthenticateResult.Fail($"The {ApiPolicies.HeaderName} header does not hold a valid key."));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(registry.PrincipalOf(key!), ApiPolicies.Scheme)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{ApiPolicies.Scheme} header=\"{ApiPolicies.HeaderName}\"";
        var detail = result.Failure is not null
            ? $"The {ApiPolicies.HeaderName} header does not hold a valid key."
            : $"Send an API key in the {ApiPolicies.HeaderName} header (role {RequiredRoles()}).";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required", detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var name = Context.User.Identity?.Name ?? "the key";
        var has = Context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).LastOrDefault() ?? "none";
        LogInformationForbidden(Logger, name, Request.Method, Request.Path, RequiredRoles());
        await WriteProblemAsync(StatusCodes.Status403Forbidden, "Role too low", $"Key '{name}' has role {has}; {Request.Method} {Request.Path} needs role {RequiredRoles()}.");
    }

    private string RequiredRoles()
    {
        var policies = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList() ?? [];
        return policies.Count == 0 ? ApiPolicies.Reader : string.Join(" and ", policies.Select(p => p == ApiPolicies.Dashboard ? ApiPolicies.Admin : p));
    }

    private ValueTask WriteProblemAsync(int status, string title, string detail) =>
        problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" },
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected an unknown API key on {Method} {Path}")]
    private static partial void LogWarningUnknownKey(ILogger logger, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key {KeyName} was refused {Method} {Path}: needs role {Role}")]
    private static partial void LogInformationForbidden(ILogger logger, string keyName, string method, string path, string role);
}
