import { z } from 'zod';

/**
 * The fields of mod_xml_curl's form-encoded POST that callfwd reads (it sends many more: the
 * channel's event headers and `variable_*` for every channel variable).
 */
export const DialplanRequestSchema = z.looseObject({
  section: z.string().max(64).optional(),
  'Hunt-Context': z.string().max(256).optional(),
  'Caller-Context': z.string().max(256).optional(),
  'Hunt-Destination-Number': z.string().max(256).optional(),
  'Caller-Destination-Number': z.string().max(256).optional(),
  variable_callfwd_forwarded: z.string().max(64).optional(),
  variable_callfwd_parent: z.string().max(256).optional(),
  'variable_sip_h_X-Callfwd-Forwarded': z.string().max(64).optional(),
});

export type DialplanRequest = z.infer<typeof DialplanRequestSchema>;

export interface DialplanLookup {
  section: string;
  context: string;
  destination: string;
  /** The call is a leg callfwd made or already forwarded: the loop guard's business. */
  forwardedLeg: boolean;
}

/** What the request asks for: the hunt's values win over the caller's (they differ after a transfer). */
export function readDialplanRequest(request: DialplanRequest): DialplanLookup {
  return {
    section: request.section ?? '',
    context: request['Hunt-Context'] ?? request['Caller-Context'] ?? '',
    destination: request['Hunt-Destination-Number'] ?? request['Caller-Destination-Number'] ?? '',
    forwardedLeg:
      request.variable_callfwd_forwarded === 'true' ||
      (request.variable_callfwd_parent ?? '') !== '' ||
      request['variable_sip_h_X-Callfwd-Forwarded'] === 'true',
  };
}
