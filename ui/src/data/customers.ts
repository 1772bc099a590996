// Customers: found as staff type, one customer's page, edits and merges.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import * as api from "../api/commands";
import type { CommandError, CustomerPage, CustomerRecord, CustomerSummary, EditCustomerRequest } from "../api/types";
import { keys } from "./keys";
import { useWrite, type Then } from "./write";

/** Customers matching typed text (asks nothing while `enabled` is false). */
export function useFindCustomers(text: string, enabled: boolean) {
  return useQuery<CustomerSummary[], CommandError>({
    queryKey: keys.customers(text),
    queryFn: () => api.findCustomers(text),
    enabled,
    // The last matches stay while the next keystroke's are read: no flicker.
    placeholderData: keepPreviousData,
  });
}

export function useCustomerPage(id: string) {
  return useQuery<CustomerPage, CommandError>({ queryKey: keys.customer(id), queryFn: () => api.customerPage(id) });
}

/** Changes a customer's details, made to the version shown. */
export function useEditCustomer(id: string, then?: Then<CustomerRecord, EditCustomerRequest>) {
  return useWrite((request: EditCustomerRequest) => api.editCustomer(id, request), { stale: "customers" }, then);
}

/** Merges `gone` into `keep`: the counts, both records and the bookings that moved. */
export function useMergeCustomers(keep: string, then?: Then<CustomerRecord, CustomerSummary>) {
  return useWrite((gone: CustomerSummary) => api.mergeCustomers(keep, gone.customer.id), { stale: "customers" }, then);
}
