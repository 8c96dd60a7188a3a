namespace FastData.Model.Configuration;

/// <summary>At least one child holds (<c>$or</c>).</summary>
public sealed record ConditionOr(IReadOnlyList<ConditionNode> Children) : ConditionNode;
