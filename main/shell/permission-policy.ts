/**
 * Permission decisions for the page (checklist item 5: Electron grants everything unless told otherwise).
 * Deny by default. A grant names a permission and, for media, the kinds of media; the document-scan issue adds
 * camera access for the configured camera on the scan screen through this list.
 */
export interface PermissionGrant {
  permission: string;
  mediaTypes?: ReadonlyArray<'video' | 'audio'>;
}

export interface PermissionQuestion {
  permission: string;
  /** The URL of the frame that asks; only the kiosk's own page can be granted anything. */
  requestingUrl: string;
  mediaTypes?: ReadonlyArray<string> | undefined;
}

export const decidePermission = (
  question: PermissionQuestion,
  grants: readonly PermissionGrant[],
  isOwnPage: (url: string) => boolean,
): boolean => {
  if (!isOwnPage(question.requestingUrl)) return false;
  const grant = grants.find((candidate) => candidate.permission === question.permission);
  if (grant === undefined) return false;
  if (grant.mediaTypes === undefined) return true;
  const asked = question.mediaTypes ?? [];
  return asked.length > 0 && asked.every((type) => (grant.mediaTypes as readonly string[]).includes(type));
};
