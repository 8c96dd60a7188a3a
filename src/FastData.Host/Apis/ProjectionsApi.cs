using FastData.Grains.Abstractions;
using FastData.Host.Hosting;

namespace FastData.Host.Apis;

/// <summary>Reads projection records.</summary>
public static class ProjectionsApi
{
    public static IEndpointRouteBuilder MapProjectionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/projections").WithTags("Projections");
        api.MapGet("/{name}/{key}", GetAsync)
            .WithName("GetProjectionRecord")
            .WithSummary("One projection record by its primary key")
            .WithDescription("The key is the canonical key (see GetSingleView). Soft-deleted records are answered with 404.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(string name, string key, LoadedConfiguration configuration, IGrainFactory grains, HttpContext context)
    {
        if (!configuration.Model.Projections.ContainsKey(name))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown projection", detail: $"No projection is named '{name}'. Configured: {string.Join(", ", configuration.Model.Projections.Keys)}.");
        }

        var document = await grains.GetGrain<IProjectionGrain>(GrainKeys.Compose(name, key)).GetAsync();
        return document is null || !document.Json.Contains("\"__STATE__\":\"PUBLIC\"", StringComparison.Ordinal)
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Record not found", detail: $"Projection '{name}' has no live record with key '{key}'.")
            : DocumentResults.Ok(context, document);
    }
}
