import { IncomingMessage, ServerResponse } from 'node:http';
import { ControlAnswer } from './control-api';
import { readBody, sendJson } from './http-io';
import { openAiErrorBody } from './openai-error';

export interface SimulatorRoutes {
  /** A /v1/* request with its whole body. */
  api(req: IncomingMessage, res: ServerResponse, path: string, raw: string): Promise<void>;
  /** A /__sim/* control request. */
  control(method: string, path: string, raw: string): ControlAnswer;
}

const AZURE_DEPLOYMENT = /^\/openai\/deployments\/[^/]+(\/.+)$/;

/** Azure OpenAI's `/openai/deployments/<deployment>/chat/completions` is the same API as `/v1/chat/completions`. */
function apiPath(path: string): string {
  const azure = AZURE_DEPLOYMENT.exec(path);
  return azure ? `/v1${azure[1]}` : path;
}

/** Sends each request to the API, the control API, /health, or a 404; an unexpected API error answers 500. */
export function simulatorRouter(routes: SimulatorRoutes): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = apiPath(query === -1 ? url : url.slice(0, query));
    if (path.startsWith('/v1/')) {
      readBody(req, (raw) => {
        routes.api(req, res, path, raw).catch(() => {
          if (!res.headersSent) sendJson(res, 500, openAiErrorBody(500));
          else res.destroy();
        });
      });
    } else if (path === '/health' && req.method === 'GET') {
      sendJson(res, 200, { status: 'ok' });
    } else if (path.startsWith('/__sim/')) {
      readBody(req, (raw) => {
        const answer = routes.control(req.method ?? 'GET', path, raw);
        sendJson(res, answer.status, answer.body);
      });
    } else {
      sendJson(res, 404, openAiErrorBody(404, { message: `Invalid URL (${req.method} ${path})` }));
    }
  };
}
