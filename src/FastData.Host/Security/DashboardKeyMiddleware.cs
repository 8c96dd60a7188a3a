namespace FastData.Host.Security;

/// <summary>
/// Lets a browser open the Dashboard when keys are configured: a browser cannot send <c>X-Api-Key</c>, so
/// <c>/dashboard/?apiKey=KEY</c> with an admin key stores the key in an HttpOnly, SameSite=Strict cookie scoped to
/// <c>/dashboard</c> and redirects to the same page without the key in its address. Anything else passes through.
/// </summary>
public sealed class DashboardKeyMiddleware(RequestDelegate next, ApiKeyRegistry registry, IProblemDetailsService problemDetails)
{
    public const string PathPrefix = "/dashboard";
    public const string CookieName = "FastData.DashboardKey";
    private const string QueryName = "apiKey";

    // Not async: every request that is not a Dashboard sign-in passes straight through, without a state machine.
    public Task InvokeAsync(HttpContext context) =>
        context.Request.Path.StartsWithSegments(PathPrefix) && context.Request.Query.TryGetValue(QueryName, out var values)
            ? SignInAsync(context, values.ToString())
            : next(context);

    private async Task SignInAsync(HttpContext context, string presented)
    {
        if (!registry.TryAuthenticate(presented, out var key) || key!.Role != ApiKeyRole.Admin)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await problemDetails.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = "Authentication required", Detail = $"The '{QueryName}' parameter does not hold an admin key." },
            });
            return;
        }

        context.Response.Cookies.Append(CookieName, presented, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = PathPrefix,
        });
        var query = QueryString.Create(context.Request.Query.Where(q => q.Key != QueryName));
        context.Response.Redirect($"{context.Request.PathBase}{context.Request.Path}{query}");
    }
}
