/** jixiao review (issue 5): placeholder until the review lands. */
export const REVIEW_PLACEHOLDER = true;
