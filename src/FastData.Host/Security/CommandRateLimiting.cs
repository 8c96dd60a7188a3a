using System.Globalization;
using System.Threading.RateLimiting;
using FastData.Host.Apis;
using Microsoft.AspNetCore.RateLimiting;

namespace FastData.Host.Security;

/// <summary>Limits commands per API key (fixed window, no queue); a refused request gets 429 problem details with Retry-After.</summary>
public static class CommandRateLimiting
{
    public const string Policy = "commands";

    public static IServiceCollection AddCommandRateLimiting(this IServiceCollection services, ApiOptions options)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.CommandRateLimit,
                    Window = TimeSpan.FromSeconds(options.CommandRateWindowSeconds),
                    QueueLimit = 0,
                }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(options.CommandRateWindowSeconds);
                context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many commands",
                        Detail = $"This key may send {options.CommandRateLimit} commands per {options.CommandRateWindowSeconds} s (FastData:Api:CommandRateLimit); retry after {Math.Ceiling(retryAfter.TotalSeconds)} s.",
                    },
                });
            };
        });
        return services;
    }
}
