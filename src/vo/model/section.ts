/** The state of the sidebar's VO section: the search box and the server's configured services. */
import { IConfiguredService, voAPI } from '../api';
import { VOModel } from './base';

export class VOSectionModel extends VOModel {
  keywords = '';
  /** Configured services reachable over HTTP(S) (file-based test services are not listed). */
  services: IConfiguredService[] = [];

  setKeywords(keywords: string): void {
    this.keywords = keywords;
    this.emit();
  }

  async loadServices(): Promise<void> {
    try {
      const reply = await voAPI.services();
      this.services = reply.services.filter(s => /^https?:/.test(s.url));
    } catch {
      this.services = [];
    }
    this.emit();
  }
}
