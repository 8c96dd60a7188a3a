using FastData.Grains.Abstractions;
using FastData.Host.Hosting;

namespace FastData.Host.Apis;

/// <summary>Reads single-view documents.</summary>
public static class SingleViewsApi
{
    public static IEndpointRouteBuilder MapSingleViewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/single-views").WithTags("Single views");
        api.MapGet("/{name}/{key}", GetAsync)
            .WithName("GetSingleView")
            .WithSummary("One single-view document by its key")
            .WithDescription("The key is the canonical key: the key values in declared order joined by '|' ('%' and '|' inside a value escaped as %25 and %7C), URL-encoded. Answers with an ETag; send If-None-Match to get 304 when unchanged.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetAsync(string name, string key, LoadedConfiguration configuration, IGrainFactory grains, HttpContext context)
    {
        if (!configuration.Model.SingleViews.ContainsKey(name))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown single view", detail: $"No single view is named '{name}'. Configured: {string.Join(", ", configuration.Model.SingleViews.Keys)}.");
        }

        var document = await grains.GetGrain<ISingleViewGrain>(GrainKeys.Compose(name, key)).GetAsync();
        return document is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Single view not found", detail: $"Single view '{name}' has no document with key '{key}'.")
            : DocumentResults.Ok(context, document);
    }
}
